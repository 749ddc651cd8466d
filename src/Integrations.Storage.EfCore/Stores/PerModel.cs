using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// Hand-written statements built once for the model of the contexts a store borrows (table names
/// depend on the schema the host chose), and built again if a context comes with another model.
/// </summary>
/// <typeparam name="T">The statements.</typeparam>
internal sealed class PerModel<T>(Func<DbContext, T> build)
    where T : class
{
    private volatile Entry? _entry;

    public T For(DbContext context)
    {
        var entry = _entry;
        if (entry is null || entry.Model != context.Model)
        {
            _entry = entry = new Entry(context.Model, build(context));
        }

        return entry.Value;
    }

    private sealed record Entry(IModel Model, T Value);
}
