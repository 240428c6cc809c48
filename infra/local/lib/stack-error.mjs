// An expected failure of the stack: printed as one line, without a stack trace.
export class StackError extends Error {
  constructor(message) {
    super(message);
    this.name = 'StackError';
  }
}
