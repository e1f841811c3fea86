// Register: create the user, log in with the same credentials, go to the dashboard.
import { api, logIn } from "../api.js";
import { onSubmit } from "../dom.js";
import { initLayout } from "../layout.js";
import { saveSession } from "../session.js";

initLayout();
const form = document.getElementById("register-form");

onSubmit(form, document.getElementById("register-btn"), document.getElementById("form-error"), async () => {
  const name = form.elements.name.value.trim();
  const email = form.elements.email.value.trim();
  const password = form.elements.password.value;
  const user = await api("POST", "/users/users", { name, email, password });
  saveSession(await logIn(email, password), user);
  window.location.assign("/dashboard");
});
