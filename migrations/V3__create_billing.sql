-- Billing: accounts and the lines charged to them.
CREATE TABLE billing_accounts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE billing_lines (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id  bigint      NOT NULL REFERENCES billing_accounts (id),
    event_id    bigint      REFERENCES events (id),
    amount      numeric(12, 2) NOT NULL,
    currency    text        NOT NULL DEFAULT 'EUR' CHECK (char_length(currency) = 3),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX billing_lines_account_id_idx ON billing_lines (account_id);
