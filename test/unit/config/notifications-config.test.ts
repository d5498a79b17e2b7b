import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadNotificationsConfig } from '#src/config/index.ts';
import { resolveNotificationRouting } from '#src/notify/resolve-notification-routing.ts';

describe('configs/notifications.yaml', () => {
  it('ships a file that loads and routes run failures to every channel kind', () => {
    const config = loadNotificationsConfig(process.cwd());
    const routing = resolveNotificationRouting({ routes: config.routes, budgetChannels: ['slack', 'email'] });
    expect(routing['run.failed']).toEqual(['slack', 'webhook', 'email']);
    expect(routing['budget.threshold']).toEqual(expect.arrayContaining(['slack', 'email']));
  });

  it('names the file, line and key of an unknown event type', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aos-notify-config-'));
    fs.mkdirSync(path.join(dir, 'configs'));
    fs.writeFileSync(path.join(dir, 'configs/notifications.yaml'), 'routes:\n  run.exploded: [slack]\n');
    const error = (() => {
      try {
        loadNotificationsConfig(dir);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(`notifications.yaml:2: routes["run.exploded"]: unknown key`);
  });
});
