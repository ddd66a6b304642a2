using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Clearline.HashLists;

/// <summary>
/// A multi-row <c>INSERT</c> of <see cref="KnownHash"/> rows, ids included, built from the EF model: the table and
/// column names, and parameters made by each property's type mapping (so GUIDs, dates and their converters are
/// written exactly as EF writes them, on either provider).
/// </summary>
internal sealed class KnownHashInsert
{
    /// <summary>Rows per statement: 19 columns × 200 rows stays far below both providers' parameter limits.</summary>
    public const int RowsPerStatement = 200;

    private readonly string _table;
    private readonly (IProperty Property, string Column, RelationalTypeMapping Mapping)[] _columns;
    private readonly ISqlGenerationHelper _sql;

    private KnownHashInsert(ClearlineDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(KnownHash))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _sql = db.GetService<ISqlGenerationHelper>();
        _table = _sql.DelimitIdentifier(table.Name, table.Schema);
        _columns = [.. entity.GetProperties().Select(p => (p, p.GetColumnName(table)!, p.GetRelationalTypeMapping()))];
    }

    public static KnownHashInsert For(ClearlineDbContext db) => new(db);

    public async Task ExecuteAsync(ClearlineDbContext db, IReadOnlyList<KnownHash> rows, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var text = new StringBuilder("INSERT INTO ").Append(_table).Append(" (")
            .AppendJoin(", ", _columns.Select(c => _sql.DelimitIdentifier(c.Column)))
            .Append(") VALUES ");
        var n = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                var (property, _, mapping) = _columns[c];
                var name = "p" + n++;
                text.Append(c == 0 ? "" : ", ").Append(_sql.GenerateParameterNamePlaceholder(name));
                command.Parameters.Add(mapping.CreateParameter(command, _sql.GenerateParameterName(name), property.GetGetter().GetClrValue(rows[r]), property.IsNullable));
            }

            text.Append(')');
        }

        command.CommandText = text.ToString();
        await command.ExecuteNonQueryAsync(ct);
    }
}
