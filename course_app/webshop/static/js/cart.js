// The cart: lines of {productId, name, price, quantity}, kept for this browser tab only.
const CART_KEY = "shop.cart";

export function getCart() {
  return JSON.parse(sessionStorage.getItem(CART_KEY) ?? "[]");
}

function saveCart(lines) {
  sessionStorage.setItem(CART_KEY, JSON.stringify(lines));
  document.dispatchEvent(new CustomEvent("cart-changed"));
}

export function addToCart(product) {
  const lines = getCart();
  const line = lines.find((l) => l.productId === product.id);
  if (line) line.quantity += 1;
  else lines.push({ productId: product.id, name: product.name, price: product.price, quantity: 1 });
  saveCart(lines);
}

export function removeFromCart(productId) {
  saveCart(getCart().filter((l) => l.productId !== productId));
}

export function clearCart() {
  saveCart([]);
}

export function itemCount(lines = getCart()) {
  return lines.reduce((sum, l) => sum + l.quantity, 0);
}

export function cartTotal(lines = getCart()) {
  return lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
}
