using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// One entity's table as a context's model maps it (the schema is the host's choice), for the
/// statements the stores write by hand: delimited names, and parameters typed by the columns' store
/// types.
/// </summary>
internal sealed class StoreTable
{
    private readonly IEntityType _entity;
    private readonly StoreObjectIdentifier _table;
    private readonly ISqlGenerationHelper _sql;

    private StoreTable(DbContext context, Type entityType)
    {
        _entity = context.Model.FindEntityType(entityType)
            ?? throw new InvalidOperationException($"{context.GetType().Name} does not map {entityType.Name}: call modelBuilder.ApplyIntegrationsModel() in its OnModelCreating.");
        _table = StoreObjectIdentifier.Table(_entity.GetTableName()!, _entity.GetSchema());
        _sql = context.GetService<ISqlGenerationHelper>();
        Name = _sql.DelimitIdentifier(_table.Name, _table.Schema);
        Properties = [.. _entity.GetProperties().Where(p => p.GetColumnName(_table) is not null)];
    }

    /// <summary>The delimited, schema-qualified table name.</summary>
    public string Name { get; }

    /// <summary>The mapped scalar properties, in the model's order.</summary>
    public IReadOnlyList<IProperty> Properties { get; }

    public static StoreTable For<TEntity>(DbContext context) => new(context, typeof(TEntity));

    /// <summary>The delimited column name of a property.</summary>
    public string Column(string property) => Column(_entity.FindProperty(property)!);

    /// <summary>The delimited column name of a property.</summary>
    public string Column(IProperty property) => _sql.DelimitIdentifier(property.GetColumnName(_table)!);

    /// <summary>The name of the parameter that carries <paramref name="property"/> in the statements of <see cref="Parameters"/>.</summary>
    public static string ParameterName(IProperty property) => ParameterName(property.Name);

    /// <summary>The name of the parameter that carries the property named <paramref name="property"/>.</summary>
    public static string ParameterName(string property) => "p_" + property;

    /// <summary>One parameter per mapped property of <paramref name="entity"/> (or per one of <paramref name="properties"/>), typed by the column's store type.</summary>
    public NpgsqlParameter[] Parameters(object entity, IEnumerable<IProperty>? properties = null) =>
        (properties ?? Properties)
            .Select(p => new NpgsqlParameter(ParameterName(p), p.GetGetter().GetClrValue(entity) ?? DBNull.Value) { DataTypeName = p.GetColumnType() })
            .ToArray();
}
