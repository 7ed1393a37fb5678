/** TikTok's answer shapes: `{data, error:{code,message,log_id}}` and the flat OAuth error. */
import { randomBytes } from 'node:crypto';
import type { IssuedToken, Reply } from '../common/fake-server';

export const logId = () => `2026${randomBytes(10).toString('hex').toUpperCase()}`;
export const ok = (data: unknown, status = 200): Reply => ({ status, body: { data, error: { code: 'ok', message: '', log_id: logId() } } });
export const fail = (status: number, code: string, message: string): Reply => ({ status, body: { data: {}, error: { code, message, log_id: logId() } } });
export const oauthError = (error: string, description: string): Reply => ({ status: 400, body: { error, error_description: description, log_id: logId() } });
export const isToken = (x: IssuedToken | Reply): x is IssuedToken => typeof x === 'object' && 'subject' in x;
