// Cold start: a fresh node process loads the SDK and fetches one page of 100; prints its size.
import { Sandbox } from './sdk.mjs'

const items = await Sandbox.list({ limit: 100 }).nextItems()
console.log(items.length)
