//! Statements kept prepared although diesel would prepare them anew on every call.
//!
//! diesel never keeps an `UPDATE` (nor an `IN` list of values) in its statement cache:
//! a changeset can leave out `None` fields, so one Rust expression may stand for several
//! SQL texts. On SQLite each call then parses and plans the statement again; on the
//! outbox's hot path (claims, sent marks, delivery reports) that was a seventh of the
//! writer's time. A statement wrapped in [`Reused`] is kept under its SQL text instead,
//! so each distinct text is prepared once per connection and a changed shape simply is
//! another entry. Wrap only statements of a few shapes (an `IN` list is one shape per
//! length), or the cache grows with every call.
use diesel::{
    QueryResult, RunQueryDsl,
    backend::Backend,
    query_builder::{AstPass, Query, QueryFragment, QueryId},
    query_dsl::LoadQuery,
};

/// `query`, kept prepared under its SQL text.
pub fn reused<Q>(query: Q) -> Reused<Q> {
    Reused(query)
}

#[derive(Debug, Clone, Copy)]
pub struct Reused<Q>(Q);

impl<Q> Reused<Q> {
    /// Runs an `UPDATE … RETURNING id` and says how many rows it changed. Not
    /// `execute`: diesel runs that through a reference to the statement, and a reference
    /// asks the statement inside whether it may be kept (an `UPDATE`: never).
    pub fn changed<'q, Conn>(self, conn: &mut Conn) -> QueryResult<usize>
    where
        Self: LoadQuery<'q, Conn, String>,
    {
        Ok(self.load::<String>(conn)?.len())
    }
}

impl<Q, DB> QueryFragment<DB> for Reused<Q>
where
    Q: QueryFragment<DB>,
    DB: Backend,
{
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, DB>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &DB) -> QueryResult<bool> {
        // Safe under its SQL text: the same text is the same statement.
        Ok(true)
    }
}

impl<Q> QueryId for Reused<Q> {
    // No type-level id: the cache then keys the statement by its SQL text and bind types.
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Reused<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, Conn> RunQueryDsl<Conn> for Reused<Q> {}
