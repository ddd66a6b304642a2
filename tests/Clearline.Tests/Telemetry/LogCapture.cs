using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Clearline.Tests.Telemetry;

/// <summary>One log line as a provider saw it: category, rendered message and every scope's properties.</summary>
internal sealed record CapturedLog(string Category, string Message, IReadOnlyDictionary<string, object?> Scopes);

/// <summary>A logger provider that keeps every line with the properties of the scopes around it.</summary>
internal sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<CapturedLog> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new Dictionary<string, object?>(StringComparer.Ordinal);
            capture._scopes.ForEachScope((scope, properties) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                {
                    foreach (var (key, value) in pairs)
                    {
                        properties[key] = value;
                    }
                }
            }, scopes);
            capture.Lines.Enqueue(new CapturedLog(category, formatter(state, exception), scopes));
        }
    }
}
