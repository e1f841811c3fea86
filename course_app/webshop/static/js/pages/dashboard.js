// The signed-in visitor's page: who they are and their orders.
import { api } from "../api.js";
import { el, formatDate, formatPrice, show } from "../dom.js";
import { initLayout } from "../layout.js";
import { getUser } from "../session.js";

initLayout();
const user = getUser();
if (!user) {
  window.location.replace("/login?next=/dashboard");
} else {
  document.getElementById("user-name").textContent = user.name;
  document.getElementById("user-email").textContent = user.email;
  show(document.getElementById("dashboard"));
  loadOrders(user.id);
}

async function loadOrders(userId) {
  const status = document.getElementById("orders-status");
  try {
    const orders = await api("GET", `/users/users/${encodeURIComponent(userId)}/orders`);
    if (orders.length === 0) {
      status.textContent = "No orders yet.";
      return;
    }
    document.getElementById("orders-body").replaceChildren(...orders.map(orderRow));
    show(status, false);
    show(document.getElementById("orders-table"));
  } catch (err) {
    status.textContent = `Your orders could not be loaded: ${err.message}`;
  }
}

function orderRow(order) {
  return el(
    "tr",
    {},
    el("td", { text: order.id }),
    el("td", { text: formatDate(order.created_at) }),
    el("td", {}, el("span", { className: `status status-${order.status}`, text: order.status })),
    el("td", { className: "num", text: formatPrice(order.total) }),
  );
}
