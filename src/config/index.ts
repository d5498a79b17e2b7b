export { ConfigError, formatConfigProblem, type ConfigProblem } from './config-error.ts';
export { BUILT_IN_VENDORS, builtInVendor, type BuiltInVendor } from './built-in-vendors.ts';
export type { FinopsConfig, ProviderLimits } from './build-aos-config.ts';
export type { ConfigSetting } from './config-settings.ts';
export { environmentSettings } from './environment-settings.ts';
export { inspectYamlFile } from './inspect-yaml-file.ts';
export { PACKAGE_REALITY_FILE } from './load-package-reality-policy.ts';
export { packageRealitySchema } from './package-reality-schema.ts';
export { inspectConfig, type ConfigInspection, type InspectConfigOptions } from './inspect-config.ts';
export type { AlertChannel, AlertsConfig } from './alerts-schema.ts';
export { CONFIG_FILES } from './config-files.ts';
export { loadEnv } from './env.ts';
export { envSchema, type AosEnv } from './env-schema.ts';
export { finopsSchema, type FinopsFile } from './finops-schema.ts';
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
export type { PhaseCaps, PhaseProvider } from './phase-schema.ts';
export type { ProviderRouting } from './provider-routing-schema.ts';
export { residencySchema, type ResidencyConfig, type VendorResidency } from './residency-schema.ts';
export { routingSchema, type RoutingConfig } from './routing-schema.ts';
export type { TaskRoute } from './task-route-schema.ts';
export { probotEnv } from './probot-env.ts';
export { resolveNpmRegistry } from './resolve-npm-registry.ts';
export { githubApiBaseUrl } from './github-api-url.ts';
export { tracingSettings, type TraceExport, type TracingSettings } from './tracing-settings.ts';
export { loadNotificationsConfig, NOTIFICATIONS_FILE } from './load-notifications-config.ts';
