-- The inventory service's tables. Run at every start-up, so every statement is idempotent.
CREATE SCHEMA IF NOT EXISTS inventory;

CREATE TABLE IF NOT EXISTS inventory.products (
    id         TEXT          PRIMARY KEY,
    name       TEXT          NOT NULL,
    price      NUMERIC(12,2) NOT NULL CHECK (price >= 0),
    quantity   INTEGER       NOT NULL CHECK (quantity >= 0),  -- available to order
    reserved   INTEGER       NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    category   TEXT,
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now()
);
-- Planted on purpose: no index on category, so GET /products?category= reads the whole
-- table. Notebook 10 finds it under load and measures the index that fixes it; keep it
-- missing here, or that lesson has nothing to find.

-- One row per order ever handled: what makes a redelivered order.placed harmless.
CREATE TABLE IF NOT EXISTS inventory.reservations (
    order_id   TEXT        PRIMARY KEY,
    status     TEXT        NOT NULL CHECK (status IN ('reserved', 'rejected')),
    reason     TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS inventory.reservation_lines (
    order_id   TEXT    NOT NULL REFERENCES inventory.reservations (order_id) ON DELETE CASCADE,
    product_id TEXT    NOT NULL,
    quantity   INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, product_id)
);
