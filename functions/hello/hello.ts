/** The liveness answer: constant, so it proves the route, the function and nothing else. */
export const helloWorld = (): { message: 'Hello, World!' } => ({ message: 'Hello, World!' });
