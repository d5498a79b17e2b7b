import { z } from 'zod';
import { NOTIFICATION_TYPES } from '../config/notifications-schema.ts';

/** Runtime check of a published notification, so a bad one fails at publish time, not at delivery. */
export const notificationSchema = z.object({
  type: z.enum(NOTIFICATION_TYPES),
  correlationId: z.string().min(1, 'a notification needs a correlation id (run or delivery id)'),
  title: z.string().min(1, 'a notification needs a title'),
  text: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  url: z.url({ protocol: /^https?$/ }).optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
});
