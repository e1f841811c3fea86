// Small DOM helpers. Data always goes in as text (textContent), never as HTML.

export function el(tag, { className, text, attrs = {} } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

export function show(node, visible = true) {
  node.hidden = !visible;
}

export function showError(node, error) {
  node.textContent = error.message;
  show(node);
}

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

export function formatPrice(amount) {
  return money.format(Number(amount));
}

export function formatDate(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

// Every form here works the same way: one request at a time, and a failure is shown
// in the form's error box with the button enabled again. On success `action` moves on.
export function onSubmit(form, button, errorBox, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    show(errorBox, false);
    button.disabled = true;
    try {
      await action();
    } catch (err) {
      showError(errorBox, err);
      button.disabled = false;
    }
  });
}
