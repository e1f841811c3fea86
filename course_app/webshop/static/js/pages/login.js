// Log in, then go back where the visitor came from (only paths on this site).
import { api, logIn } from "../api.js";
import { onSubmit } from "../dom.js";
import { initLayout } from "../layout.js";
import { saveSession } from "../session.js";

initLayout();
const form = document.getElementById("login-form");

function nextPage() {
  const next = new URLSearchParams(window.location.search).get("next") ?? "";
  // "//host" would leave the site: allow only local paths.
  return next.startsWith("/") && !next.startsWith("//") ? next : "/dashboard";
}

onSubmit(form, document.getElementById("login-btn"), document.getElementById("form-error"), async () => {
  const token = await logIn(form.elements.email.value.trim(), form.elements.password.value);
  const profile = await api("GET", "/users/users/profile", undefined, token);
  saveSession(token, profile);
  window.location.assign(nextPage());
});
