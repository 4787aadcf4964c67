"""The transactional outbox for 12345 callbacks: a case event of a 12345 order
writes an outbox row in the same transaction (:mod:`.capture`); a dispatcher
loop delivers the rows, signed, in order per order, with retries
(:mod:`.dispatcher`); the reform office lists and retries them (:mod:`.router`)."""
