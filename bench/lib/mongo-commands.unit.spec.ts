import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import type { MongoClient } from 'mongodb';
import { commandsPer, tallyBetween, tallyCommandsOf } from './mongo-commands.js';

/** A client class that emits the driver's command monitoring events, as a MongoClient with `monitorCommands` does. */
class MonitoredClient extends EventEmitter {
  private next = 0;
  send(commandName: string, command: Record<string, unknown>, duration = 2): void {
    const requestId = (this.next += 1);
    this.emit('commandStarted', { requestId, commandName, command });
    this.emit('commandSucceeded', { requestId, commandName, duration });
  }
}

describe('command tally', () => {
  it('counts each command by name and collection, and still emits the events to the listeners', () => {
    const counter = tallyCommandsOf(MonitoredClient as unknown as typeof MongoClient);
    const client = new MonitoredClient();
    const heard: string[] = [];
    client.on('commandSucceeded', (event: { commandName: string }) => heard.push(event.commandName));
    client.send('update', { update: 'cases' });
    client.send('update', { update: 'cases' });
    client.send('insert', { insert: 'case_claims' });
    client.send('ping', { ping: 1 });
    expect(counter.read()).toEqual({
      'update cases': { count: 2, totalMs: 4 },
      'insert case_claims': { count: 1, totalMs: 2 },
      ping: { count: 1, totalMs: 2 },
    });
    expect(heard).toEqual(['update', 'update', 'insert', 'ping']);
  });

  it('gives per unit of work what was sent between two readings, connection upkeep left out', () => {
    const before = { 'update cases': { count: 10, totalMs: 30 }, ping: { count: 3, totalMs: 1 } };
    const after = { 'update cases': { count: 30, totalMs: 90 }, 'insert outbox': { count: 5, totalMs: 10 }, ping: { count: 9, totalMs: 3 } };
    const between = tallyBetween(before, after);
    expect(between).toEqual({ 'update cases': { count: 20, totalMs: 60 }, 'insert outbox': { count: 5, totalMs: 10 }, ping: { count: 6, totalMs: 2 } });
    expect(commandsPer(between, 10)).toEqual({ total: 2.5, byCommand: { 'update cases': 2, 'insert outbox': 0.5 } });
  });
});
