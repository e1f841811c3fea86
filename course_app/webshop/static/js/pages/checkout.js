// Checkout: place the order, then show its number and follow its status.
import { api } from "../api.js";
import { cartTotal, clearCart, getCart } from "../cart.js";
import { el, formatPrice, onSubmit, show } from "../dom.js";
import { initLayout } from "../layout.js";
import { getUser } from "../session.js";

const STATUS_POLL_MS = 500;
const STATUS_POLL_LIMIT_MS = 30000;

initLayout();
const user = getUser();
const lines = getCart();
const form = document.getElementById("checkout-form");

if (!user) show(document.getElementById("login-required"));
else if (lines.length === 0) show(document.getElementById("checkout-empty"));
else showSummary();

function showSummary() {
  document.getElementById("order-summary").replaceChildren(
    ...lines.map((l) => el("li", { text: `${l.quantity} × ${l.name} — ${formatPrice(l.price * l.quantity)}` })),
  );
  document.getElementById("order-total").textContent = formatPrice(cartTotal(lines));
  show(form);
}

const placeOrder = document.getElementById("place-order-btn");
onSubmit(form, placeOrder, document.getElementById("form-error"), async () => {
  const order = await api("POST", "/orders/orders", {
    user_id: user.id,
    items: lines.map((l) => ({ product_id: l.productId, quantity: l.quantity })),
    shipping_address: form.elements.shipping_address.value.trim(),
  });
  clearCart();
  form.replaceWith(confirmation(order));
  followStatus(order.id);
});

function confirmation(order) {
  return el(
    "div",
    { className: "order-confirmation", attrs: { role: "status" } },
    el("h2", { text: "Order placed successfully" }),
    el("p", {}, "Your order number is ", el("strong", { text: order.id, attrs: { id: "order-id", "data-testid": "order-id" } }), "."),
    el("p", {}, "Total: ", el("strong", { text: formatPrice(order.total) })),
    el("p", {}, "Status: ", el("span", { className: "status", text: order.status, attrs: { id: "order-status", "data-testid": "order-status" } })),
    el("p", {}, el("a", { text: "See all your orders", attrs: { href: "/dashboard" } })),
  );
}

// The order is confirmed (or rejected) asynchronously, once inventory has answered.
async function followStatus(orderId) {
  const status = document.getElementById("order-status");
  const deadline = Date.now() + STATUS_POLL_LIMIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS));
    try {
      const order = await api("GET", `/orders/orders/${encodeURIComponent(orderId)}`);
      status.textContent = order.status;
      status.className = `status status-${order.status}`;
      if (order.status !== "pending") return;
    } catch {
      // A failed poll is retried until the deadline; the order itself is safe.
    }
  }
}
