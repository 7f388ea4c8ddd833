/**
 * The queue dashboard's sign-in form: a support token is pasted once and POSTed, never put in an
 * address. Plain HTML with no script, so the dashboard's CSP needs no exception for it.
 */
export const SIGN_IN_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Muster queue dashboard: sign in</title></head>
<body>
<main>
<h1>Queue dashboard</h1>
<form method="post" action="/admin/sign-in">
<label for="token">Support sign-in token</label>
<input id="token" name="token" type="password" autocomplete="off" required>
<button type="submit">Sign in</button>
</form>
<p>The session lasts 30 minutes and is valid for the dashboard only.</p>
</main>
</body>
</html>
`;
