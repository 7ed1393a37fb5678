import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES, channels, events } from '../../shared/contract';
import { composeOnce } from '../../shared/contract/compose';
import { guardChannels } from '../../shared/contract/features/guard';
import { ioEvents } from '../../shared/contract/features/io';

const def = { input: z.object({}), output: z.string() };

describe('composing the contract from feature maps', () => {
  it('refuses a channel declared by two features, naming the channel and both features', () => {
    expect(() => composeOnce('channel', { calendar: { 'posts:list': def, 'calendar:range': def }, review: { 'review:list': def, 'posts:list': def } })).toThrow(
      'The channel "posts:list" is declared twice, by feature "calendar" and by feature "review".',
    );
  });

  it('refuses an event declared by two features the same way', () => {
    expect(() => composeOnce('event', { core: { 'posts:changed': z.object({}) }, io: { 'posts:changed': z.object({}) } })).toThrow(
      /The event "posts:changed" is declared twice, by feature "core" and by feature "io"/,
    );
  });

  it('keeps every feature’s declarations, each under its own name', () => {
    const merged = composeOnce('channel', { a: { 'a:one': def }, b: { 'b:one': def, 'b:two': def }, empty: {} });
    expect(Object.keys(merged)).toEqual(['a:one', 'b:one', 'b:two']);
    expect(merged['b:two']).toBe(def);
  });

  it('loads the real contract with each feature’s channels and events present once', () => {
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
    for (const name of Object.keys(guardChannels)) expect(channels[name as keyof typeof channels]).toBe(guardChannels[name as keyof typeof guardChannels]);
    for (const name of Object.keys(ioEvents)) expect(events[name as keyof typeof events]).toBe(ioEvents[name as keyof typeof ioEvents]);
    expect(CHANNEL_NAMES).toContain('settings:get');
  });
});
