-- The orders service's tables. Run at every start-up, so every statement is idempotent.
CREATE SCHEMA IF NOT EXISTS orders;

CREATE TABLE IF NOT EXISTS orders.orders (
    id               TEXT          PRIMARY KEY,
    user_id          BIGINT        NOT NULL,
    status           TEXT          NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    total            NUMERIC(14,2) NOT NULL,
    shipping_address TEXT,
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS orders_by_user ON orders.orders (user_id, created_at);

CREATE TABLE IF NOT EXISTS orders.order_items (
    order_id   TEXT          NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    position   INTEGER       NOT NULL,
    product_id TEXT          NOT NULL,
    quantity   INTEGER       NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(12,2) NOT NULL,
    PRIMARY KEY (order_id, position)
);

-- Events written in the same transaction as the order; the relay publishes them.
CREATE TABLE IF NOT EXISTS orders.outbox (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    routing_key  TEXT        NOT NULL,
    message_id   TEXT        NOT NULL,
    payload      JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS outbox_unpublished ON orders.outbox (id) WHERE published_at IS NULL;
