import fs from 'node:fs';
import path from 'node:path';
import { loadYamlFile } from './load-yaml-file.ts';
import { notificationsSchema, type NotificationsConfig } from './notifications-schema.ts';

/** Where the notifications configuration lives, under AOS_CONFIG_DIR. */
export const NOTIFICATIONS_FILE = 'configs/notifications.yaml';

/** Loads `configs/notifications.yaml` (validated; a problem is a ConfigError); defaults when the file is absent. */
export function loadNotificationsConfig(configDir: string): NotificationsConfig {
  const file = path.join(configDir, NOTIFICATIONS_FILE);
  return fs.existsSync(file) ? loadYamlFile(file, notificationsSchema) : notificationsSchema.parse({});
}
