// `npm run user -- add --username NAME --name "Full Name" --department wfb --role lead --password SECRET`
// `npm run user -- list`
import { parseArgs } from 'node:util'
import { ZodError } from 'zod'
import { openDatabase } from '../db/client'
import { users } from '../db/schema'
import { addUser, UserInputError } from '../server/auth/users'
import { loadConfig } from '../server/config'

const usage = `usage:
  npm run user -- add --username NAME --name "Full Name" --department DEPT --role lead|editor|viewer --password SECRET
  npm run user -- list`

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
  },
})

const config = loadConfig()
const database = openDatabase(config.databaseFile, { synchronous: config.sqliteSynchronous })
try {
  switch (positionals[0]) {
    case 'add': {
      await addUser(database.db, {
        username: values.username ?? '',
        displayName: values.name ?? values.username ?? '',
        departmentId: values.department ?? '',
        role: values.role as 'lead',
        password: values.password ?? '',
      })
      console.log(`added ${values.username} (${values.role}, ${values.department})`)
      break
    }
    case 'list':
      for (const user of database.db.select().from(users).all()) {
        console.log(`${user.username}\t${user.role}\t${user.departmentId}\t${user.displayName}`)
      }
      break
    default:
      console.error(usage)
      process.exitCode = 2
  }
} catch (error) {
  if (error instanceof ZodError) console.error(error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'))
  else if (error instanceof UserInputError) console.error(error.message)
  else throw error
  process.exitCode = 1
} finally {
  await database.close()
}
