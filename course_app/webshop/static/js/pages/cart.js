// The cart page: the lines, their total, and the way to checkout.
import { cartTotal, getCart, removeFromCart } from "../cart.js";
import { el, formatPrice, show } from "../dom.js";
import { initLayout } from "../layout.js";

initLayout();
document.addEventListener("cart-changed", render);
render();

function render() {
  const lines = getCart();
  show(document.getElementById("cart-empty"), lines.length === 0);
  show(document.getElementById("cart-contents"), lines.length > 0);
  document.getElementById("cart-lines").replaceChildren(...lines.map(cartRow));
  document.getElementById("cart-total").textContent = formatPrice(cartTotal(lines));
}

function cartRow(line) {
  const remove = el("button", { className: "link-button", text: "Remove", attrs: { type: "button" } });
  remove.addEventListener("click", () => removeFromCart(line.productId));
  return el(
    "tr",
    { attrs: { "data-product-id": line.productId } },
    el("td", { text: line.name }),
    el("td", { className: "num", text: formatPrice(line.price) }),
    el("td", { className: "num", text: line.quantity }),
    el("td", { className: "num", text: formatPrice(line.price * line.quantity) }),
    el("td", { className: "num" }, remove),
  );
}
