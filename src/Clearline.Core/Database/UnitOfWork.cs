using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;

namespace Clearline.Database;

/// <summary>
/// The one transaction of a use case. The use case begins it; every service it calls begins it too and so joins
/// it, and only the outermost <see cref="WorkTransaction.CommitAsync"/> commits: a use case across two features
/// commits once, or not at all.
/// </summary>
/// <remarks>
/// <para>A joined step runs under a savepoint: when it gives up (disposed without committing, as a service does
/// when it answers an error), only its own writes are undone and the use case decides what happens next, exactly
/// as when the step ran on its own. The use case that then answers the error without committing undoes everything.</para>
/// <para>The transaction is the context's, begun as before: on SQLite <c>BEGIN IMMEDIATE</c> (the database's write
/// lock), on PostgreSQL the default isolation level. No retrying execution strategy is configured; one that is
/// would have to wrap the whole use case here, since a retry cannot resume halfway through a transaction.</para>
/// </remarks>
public sealed class UnitOfWork(ClearlineDbContext db)
{
    private int _savepoints;

    /// <summary>True while a transaction is open on this scope's context (begun here or by the caller).</summary>
    public bool IsActive => db.Database.CurrentTransaction is not null;

    /// <summary>Begins the unit of work, or joins the one already open on this scope's context.</summary>
    public async Task<WorkTransaction> BeginAsync(CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is { } current)
        {
            var savepoint = $"work_{++_savepoints}";
            await current.CreateSavepointAsync(savepoint, ct);
            return new WorkTransaction(db, current, savepoint);
        }

        return new WorkTransaction(db, await db.Database.BeginTransactionAsync(ct), null);
    }
}

/// <summary>One use case's or one step's hold on the <see cref="UnitOfWork"/>; dispose it, committed or not.</summary>
public sealed class WorkTransaction : IAsyncDisposable
{
    private readonly ClearlineDbContext _db;
    private readonly IDbContextTransaction _transaction;
    private readonly string? _savepoint;
    private bool _done;

    internal WorkTransaction(ClearlineDbContext db, IDbContextTransaction transaction, string? savepoint)
    {
        _db = db;
        _transaction = transaction;
        _savepoint = savepoint;
    }

    /// <summary>Whether this hold began the transaction (and so commits it) rather than joined it.</summary>
    public bool IsOutermost => _savepoint is null;

    /// <summary>Commits when outermost; a joined step only keeps its writes for the outermost to commit.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        if (_savepoint is null)
        {
            await _transaction.CommitAsync(ct);
        }
        else if (StillOpen)
        {
            await _transaction.ReleaseSavepointAsync(_savepoint, ct);
        }
    }

    /// <summary>Undoes this hold's writes: the whole transaction when outermost, the step's own when joined.</summary>
    public async Task RollbackAsync(CancellationToken ct)
    {
        if (_done)
        {
            return;
        }

        _done = true;
        if (_savepoint is null)
        {
            await _transaction.RollbackAsync(ct);
        }
        else if (StillOpen)
        {
            await _transaction.RollbackToSavepointAsync(_savepoint, ct);
        }
    }

    /// <remarks>The outermost rolls back what it did not commit (disposing the transaction does); a joined step does its own.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (_savepoint is null)
        {
            _done = true;
            await _transaction.DisposeAsync();
            return;
        }

        try
        {
            await RollbackAsync(CancellationToken.None);
        }
        catch (DbException)
        {
            // Disposing after a failure must not hide it; the outermost's rollback undoes this step's writes too.
        }
    }

    /// <summary>False once the outermost hold has ended the transaction under a joined step.</summary>
    private bool StillOpen => ReferenceEquals(_db.Database.CurrentTransaction, _transaction);
}
