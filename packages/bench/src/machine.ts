import { readFileSync } from "node:fs";
import * as os from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
}

export function describeMachine(): Machine {
  let distribution = "";
  try {
    distribution = readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]*)"?$/m)?.[1] ?? "";
  } catch {
    // Not Linux, or no os-release: the kernel's name and release say enough.
  }
  return {
    cpu: os.cpus()[0]?.model.trim() ?? "unknown CPU",
    cores: os.availableParallelism(),
    ramGiB: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: [distribution, `${os.type()} ${os.release()} ${os.arch()}`].filter(Boolean).join(", "),
  };
}

export const formatMachine = (m: Machine) => `${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM, Node.js ${m.node}, ${m.os}`;
