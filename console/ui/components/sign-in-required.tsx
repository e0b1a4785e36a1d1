/**
 * Shown instead of every view when the server refuses the session (401 or 403): the console's
 * token comes only from the URL `npm start` prints, which exchanges it for a cookie.
 */
export function SignInRequired() {
  return (
    <main id="main" class="standalone" tabIndex={-1}>
      <div class="standalone-card" role="alert">
        <h1>Sign-in required</h1>
        <p>This browser has no valid console session (the server answered 401 or 403).</p>
        <p>
          Open the console URL that <code>npm start</code> printed in its terminal. It carries a token, made
          anew at each start, that the console exchanges for a session cookie; then this page works as usual.
        </p>
        <p class="muted">If the local cloud was restarted since, use the URL it printed this time.</p>
      </div>
    </main>
  );
}
