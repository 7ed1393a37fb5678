/** Builds the crash child once for the whole resilience run; the crash suites read its path with inject('crashChild'). */
import type { TestProject } from 'vitest/node';
import { buildChild } from './build';

declare module 'vitest' {
  export interface ProvidedContext {
    crashChild: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const bundle = await buildChild();
  project.provide('crashChild', bundle.entry);
  return () => bundle.remove();
}
