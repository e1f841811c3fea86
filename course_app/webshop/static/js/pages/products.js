// The catalogue: one card per product, each with an "Add to cart" button.
import { api } from "../api.js";
import { addToCart } from "../cart.js";
import { el, formatPrice } from "../dom.js";
import { initLayout } from "../layout.js";

initLayout();
const status = document.getElementById("products-status");

try {
  const products = await api("GET", "/inventory/products");
  document.getElementById("product-list").replaceChildren(...products.map(productCard));
  status.textContent = products.length === 0 ? "No products yet." : "";
  status.hidden = products.length > 0;
} catch (err) {
  status.textContent = `Products could not be loaded: ${err.message}`;
}

function productCard(product) {
  const inStock = product.quantity > 0;
  const button = el("button", {
    className: "add-to-cart primary",
    text: inStock ? "Add to cart" : "Sold out",
    attrs: { type: "button" },
  });
  button.disabled = !inStock;
  button.addEventListener("click", () => {
    addToCart(product);
    button.textContent = "Added ✓";
    setTimeout(() => { button.textContent = "Add to cart"; }, 1200);
  });
  return el(
    "article",
    { className: "product-card", attrs: { "data-product-id": product.id } },
    el("p", { className: "category", text: product.category ?? "" }),
    el("h2", { className: "product-name", text: product.name }),
    el("p", { className: "price", text: formatPrice(product.price) }),
    el("p", { className: "stock muted", text: inStock ? `${product.quantity} in stock` : "Out of stock" }),
    button,
  );
}
