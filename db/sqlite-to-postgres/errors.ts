// A refusal or failure of the move that the person running it can act on: printed without a stack.
export class MigrationError extends Error {}
