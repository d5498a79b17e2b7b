import type { Transporter } from 'nodemailer';
import type { NotificationChannel, NotificationMessage, SendOutcome } from './notification-types.ts';

/** Options of {@link createEmailChannel}. */
export interface EmailChannelOptions {
  /** `smtp://` or `smtps://`, possibly with credentials (never logged: only the host is). */
  smtpUrl: string;
  /** Recipient (`AOS_ALERT_EMAIL`). */
  to: string;
  /** Recipient of budget alerts (the e-mail destination of policies/finops.yaml alerts); default `to`. */
  alertTo?: string | undefined;
  /** Sender; default the recipient, which relays accept most readily. */
  from?: string;
  timeoutMs: number;
}

/** The plain-text body: text, fields, run page link, and the identity lines. */
function mailText(message: NotificationMessage): string {
  const fields = Object.entries(message.fields).map(([name, value]) => `${name}: ${value}`);
  return [
    message.text,
    ...(fields.length > 0 ? ['', ...fields] : []),
    ...(message.url ? ['', `Run page: ${message.url}`] : []),
    '',
    '--',
    `event: ${message.type}`,
    `correlation id: ${message.correlation_id}`,
    `idempotency key: ${message.idempotency_key}`,
    `timestamp: ${message.timestamp}`,
  ].join('\n');
}

/** 5xx SMTP replies are permanent; 4xx replies and connection problems are worth retrying. */
function classify(error: unknown, destination: string): SendOutcome {
  const { responseCode, message } = error as { responseCode?: unknown; message?: unknown };
  const text = `${destination}: ${typeof message === 'string' ? message : String(error)}`;
  if (typeof responseCode === 'number' && responseCode >= 500) return { status: 'failed', error: text };
  return { status: 'retry', error: text };
}

/** E-mail through SMTP with nodemailer; the subject is the title. */
export function createEmailChannel(options: EmailChannelOptions): NotificationChannel {
  const destination = new URL(options.smtpUrl).host;
  // No pool: alerts are rare, and a fresh connection per send cannot go stale. nodemailer is
  // imported with the first message, so a process that sends none never loads it.
  let transport: Promise<Transporter> | undefined;
  const openTransport = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: options.smtpUrl,
        connectionTimeout: options.timeoutMs,
        greetingTimeout: options.timeoutMs,
        socketTimeout: options.timeoutMs,
      }),
    ));
  return {
    id: 'email',
    kind: 'email',
    destination,
    async send(message) {
      try {
        await (
          await openTransport()
        ).sendMail({
          from: options.from ?? options.to,
          to: options.alertTo !== undefined && message.type.startsWith('budget.') ? options.alertTo : options.to,
          subject: message.title,
          text: mailText(message),
          headers: {
            'X-AOS-Event': message.type,
            'X-AOS-Correlation-Id': message.correlation_id,
            'X-AOS-Idempotency-Key': message.idempotency_key,
            'X-AOS-Timestamp': message.timestamp,
          },
        });
        return { status: 'delivered' };
      } catch (error) {
        return classify(error, destination);
      }
    },
  };
}
