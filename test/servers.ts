/**
 * Real PostgreSQL and Redis for the queue and store tests. `.ci/run` starts
 * both on loopback (.ci/servers.sh) and exports their URLs; without them the
 * tests that need them are skipped with a message saying so.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export const PG_URL = process.env.SOURCETRACE_TEST_PG;
export const REDIS_URL = process.env.SOURCETRACE_TEST_REDIS;
export const REDIS_CONF = process.env.SOURCETRACE_TEST_REDIS_CONF;

/** The skip reason for node:test, or false when the servers are there. */
export const NO_SERVERS: string | false =
  PG_URL && REDIS_URL
    ? false
    : 'needs PostgreSQL and Redis: set SOURCETRACE_TEST_PG and SOURCETRACE_TEST_REDIS (.ci/run does; or eval "$(.ci/servers.sh start DIR)")';

let counter = 0;

/** A name no other test (or test run) uses: for databases and queues. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${++counter}`;
}

/** A new empty database on the test server; `drop` removes it (and cuts whoever is still connected). */
export async function freshDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = uniqueName('st');
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Run one query on a database and close. */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, values)).rows;
  } finally {
    await c.end();
  }
}

const TOWNS = ['Aldmere', 'Brookvale', 'Cinderford', 'Dunhollow', 'Eastwick', 'Fairhaven', 'Glenrock', 'Highmoor'];
const TOPICS = ['a new bridge', 'the water tariff', 'school meals', 'a bus depot', 'the library hours', 'a flood barrier'];

/**
 * Write `n` short news articles of our own making, each distinct (numbers and
 * names vary), with a quoted official so attribution has work to do.
 */
export function writeArticles(dir: string, n: number, from = 0): string[] {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = from; i < from + n; i++) {
    const town = TOWNS[i % TOWNS.length];
    const topic = TOPICS[i % TOPICS.length];
    const text = [
      `${town} council backs plan for ${topic} (${i})`,
      '',
      `The council of ${town} voted ${20 + (i % 9)} to ${3 + (i % 5)} on Tuesday to spend ${i + 2} million on ${topic}, ending a debate that lasted ${i % 7 + 2} months.`,
      '',
      `"This is money the town has waited for since ${1990 + (i % 30)}," said council leader Morgan Hale${i}, who proposed the plan.`,
      '',
      `Residents who spoke at meeting number ${i} were divided. A local shop owner said the work would close the high street for ${i % 11 + 1} weeks.`,
      '',
      `According to the regional planning office, construction could start in ${['March', 'June', 'October'][i % 3]} if the ministry approves grant ${1000 + i}.`,
    ].join('\n');
    const file = join(dir, `story-${String(i).padStart(4, '0')}.txt`);
    writeFileSync(file, text + '\n');
    files.push(file);
  }
  return files;
}
