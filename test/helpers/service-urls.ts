// Where the tests look for PostgreSQL and Redis: the machine's loopback services unless overridden.
export type ServiceStatus = { postgres: boolean; redis: boolean; urls: { postgres: string; redis: string } }

export function serviceUrls(env: NodeJS.ProcessEnv = process.env): ServiceStatus['urls'] {
  return {
    postgres: env.TEST_POSTGRES_URL ?? 'postgres://root@127.0.0.1:5432/test',
    redis: env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  }
}
