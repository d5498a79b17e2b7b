import { describe, expect, it } from 'vitest';
import { findEmptyBodies } from '../../../scripts/lib/find-empty-bodies.ts';

describe('findEmptyBodies', () => {
  it('reports exported functions, arrows and class methods with an empty body and a non-void return type', () => {
    const source = [
      'export function total(items: number[]): number {}',
      'export const parseRow = (line: string): Row => {};',
      'export async function load(): Promise<string[]> {}',
      'export class Store { get size(): number {} read(): Promise<Row> {} }',
    ].join('\n');
    expect(findEmptyBodies(source).map((found) => `${found.line} ${found.name}`)).toEqual([
      '1 total',
      '2 parseRow',
      '3 load',
      '4 Store.size',
      '4 Store.read',
    ]);
  });

  it('reports an unannotated empty function named for work, including one exported later', () => {
    const source = 'export function computeTotal() {}\nconst buildIndex = () => {};\nexport { buildIndex };\nexport function onIdle() {}\n';
    expect(findEmptyBodies(source).map((found) => found.name)).toEqual(['computeTotal', 'buildIndex']);
  });

  it('ignores honest no-ops, unexported functions, object-literal methods, constructors, setters and non-empty bodies', () => {
    const source = [
      'export function stop(): void {}',
      'export const flush = async (): Promise<void> => {};',
      'export const noop = () => {};',
      'function parseLocal(): number {}',
      'export function createThing() { return { close() {} }; }',
      'export class Box { constructor() {} set value(v: number) {} dispose(): undefined {} }',
      'export function compute(): number { return 1; }',
      'export function parse(): number { /* a comment is not logic */ }',
    ].join('\n');
    expect(findEmptyBodies(source).map((found) => found.name)).toEqual(['parse']);
  });
});
