// One Prism mock for the whole run, started from the bundle and shared with every test file.
import { startMockServer } from "@finup/mock";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const mock = await startMockServer();
  project.provide("mockUrl", mock.url);
  return () => mock.close();
}
