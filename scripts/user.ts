// `npm run user -- add --username NAME --name "Full Name" --department wfb --role lead --password SECRET [--email ADDRESS]`
// `npm run user -- email --username NAME --email ADDRESS` (where notification digests go)
// `npm run user -- password --username NAME --password SECRET` (reset; ends the user's sessions)
// `npm run user -- disable --username NAME` / `enable --username NAME`
// `npm run user -- list`
import { parseArgs } from 'node:util'
import { ZodError } from 'zod'
import { openConfiguredDatabase } from '../server/storage/open-database'
import { users } from '../db/schema'
import { addUser, findUserByName, setDisabled, setEmail, setPassword, UserInputError } from '../server/auth/users'
import { loadConfig } from '../server/config'

const usage = `usage:
  npm run user -- add --username NAME --name "Full Name" --department DEPT --role lead|editor|viewer --password SECRET [--email ADDRESS]
  npm run user -- email --username NAME --email ADDRESS          (where notification e-mails go)
  npm run user -- password --username NAME --password SECRET    (reset; ends every session of the user)
  npm run user -- disable --username NAME                        (no sign-in; ends every session)
  npm run user -- enable --username NAME
  npm run user -- list
A password needs at least 12 characters, must not contain the user name and must not be a common one.
A running server notices ended sessions at the user's next request; open sockets close at their next reconnect.`

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    department: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
    email: { type: 'string' },
  },
})

const config = loadConfig()
const database = await openConfiguredDatabase({ ...config, checkpointEveryMs: 0 }, (message, error) => console.error(`${message}: ${error}`))
const namedUser = async () => {
  const user = await findUserByName(database.db, values.username ?? '')
  if (!user) throw new UserInputError(`no user ${values.username ?? '(give --username)'}`)
  return user
}
try {
  switch (positionals[0]) {
    case 'add': {
      await addUser(database.db, {
        username: values.username ?? '',
        displayName: values.name ?? values.username ?? '',
        departmentId: values.department ?? '',
        role: values.role as 'lead',
        password: values.password ?? '',
        email: values.email,
      }, { passwordCost: config.passwordHashCost })
      console.log(`added ${values.username} (${values.role}, ${values.department})`)
      break
    }
    case 'password': {
      const ended = await setPassword(database.db, (await namedUser()).id, values.password ?? '', undefined, config.passwordHashCost)
      console.log(`new password set for ${values.username}; ${ended} session(s) ended`)
      break
    }
    case 'email': {
      await setEmail(database.db, (await namedUser()).id, values.email ?? '')
      console.log(`e-mail of ${values.username} set`)
      break
    }
    case 'disable':
    case 'enable': {
      await setDisabled(database.db, (await namedUser()).id, positionals[0] === 'disable')
      console.log(`${positionals[0]}d ${values.username}`)
      break
    }
    case 'list':
      for (const user of await database.db.select().from(users)) {
        const state = user.disabledAt ? 'disabled' : 'active'
        console.log(`${user.username}\t${user.role}\t${user.departmentId}\t${state}\t${user.displayName}`)
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
