// Calls to the services through the shop's same-origin proxy (/api/<service>/...).
import { getToken } from "./session.js";

export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(method, path, body, token = getToken()) {
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError("The shop cannot be reached. Check your connection and try again.", 0, "NETWORK");
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    // The services explain every failure in an `error` field; show it as it is.
    const message = data?.error ?? `The request failed (HTTP ${response.status}).`;
    throw new ApiError(message, response.status, data?.code);
  }
  return data;
}

// Exchange email and password for a bearer token (POST /auth/token on users).
export async function logIn(email, password) {
  const { access_token: token } = await api("POST", "/users/auth/token", { email, password });
  return token;
}
