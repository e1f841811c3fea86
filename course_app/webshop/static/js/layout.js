// The header every page shares: who is signed in, the cart count, logging out.
import { itemCount } from "./cart.js";
import { clearSession, getToken } from "./session.js";

export function initLayout() {
  const signedIn = Boolean(getToken());
  for (const node of document.querySelectorAll("[data-when]")) {
    node.hidden = (node.dataset.when === "signed-in") !== signedIn;
  }
  document.getElementById("logout-btn").addEventListener("click", () => {
    clearSession();
    window.location.assign("/");
  });
  const updateCount = () => {
    document.getElementById("cart-count").textContent = String(itemCount());
  };
  document.addEventListener("cart-changed", updateCount);
  updateCount();
}
