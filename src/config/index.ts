export { ConfigError, type ConfigProblem } from './config-error.ts';
export { CONFIG_FILES } from './config-files.ts';
export { loadEnv } from './env.ts';
export { envSchema, type AosEnv } from './env-schema.ts';
export { finopsSchema, type FinopsConfig } from './finops-schema.ts';
export { loadConfig, type AosConfig, type LoadConfigOptions } from './load-config.ts';
export { loadYamlFile } from './load-yaml-file.ts';
export {
  CHANNEL_KINDS,
  NOTIFICATION_TYPES,
  notificationsSchema,
  type ChannelKind,
  type NotificationsConfig,
  type NotificationType,
} from './notifications-schema.ts';
export type { ModelPrice } from './model-price-schema.ts';
export { parseYamlText } from './parse-yaml-text.ts';
export type { PhaseCaps } from './phase-caps-schema.ts';
export type { ProviderLimits } from './provider-limits-schema.ts';
export { residencySchema, type ResidencyConfig, type VendorResidency } from './residency-schema.ts';
export { routingSchema, type RoutingConfig } from './routing-schema.ts';
export type { TaskRoute } from './task-route-schema.ts';
export { probotEnv } from './probot-env.ts';
export { resolveNpmRegistry } from './resolve-npm-registry.ts';
export { githubApiBaseUrl } from './github-api-url.ts';
export { loadNotificationsConfig, NOTIFICATIONS_FILE } from './load-notifications-config.ts';
