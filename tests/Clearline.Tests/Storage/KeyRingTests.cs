using Clearline.Database;
using Clearline.Storage;
using Clearline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clearline.Tests.Storage;

public sealed class KeyRingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Active_NoKeyAnywhere_GeneratesPrivateKeyFileAndWarnsOnce()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var ring = database.Services.GetRequiredService<KeyRing>();

        var id = ring.Active.Id;
        _ = ring.Active;

        var file = Assert.Single(Directory.GetFiles(Path.Combine(database.DataPath, "keys"), "*.kek"));
        Assert.Equal(id + ".kek", Path.GetFileName(file));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        var warning = Assert.Single(database.Logs.Entries, l => l.Level == LogLevel.Warning && l.Category.EndsWith("KeyRing", StringComparison.Ordinal));
        Assert.Contains("GENERATED", warning.Message, StringComparison.Ordinal);
        Assert.Contains("CLEARLINE__Storage__KeyEncryptionKey", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain((await File.ReadAllTextAsync(file, Ct)).Trim(), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Active_SecondProcess_ReusesGeneratedKey()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var first = database.Services.GetRequiredService<KeyRing>().Active.Id;

        await using var other = database.CreateServices();

        Assert.Equal(first, other.GetRequiredService<KeyRing>().Active.Id);
        Assert.Single(Directory.GetFiles(Path.Combine(database.DataPath, "keys"), "*.kek"));
    }

    [Fact]
    public async Task Active_ConfiguredKey_WritesNoKeyFile()
    {
        var key = Convert.ToBase64String(BenignBytes.Create(32, seed: 40));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite,
            new Dictionary<string, string?> { ["Storage:KeyEncryptionKey"] = key });

        var ring = database.Services.GetRequiredService<KeyRing>();

        Assert.True(ring.IsConfigured);
        Assert.StartsWith("kek-", ring.Active.Id, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(database.DataPath, "keys")));
        Assert.DoesNotContain(database.Logs.Entries, l => l.Level >= LogLevel.Warning);
    }

    [Theory]
    [InlineData("Storage:KeyEncryptionKey", "not base64!", "Storage:KeyEncryptionKey: must be the base64 encoding of exactly 32 random bytes")]
    [InlineData("Storage:KeyEncryptionKey", "AAAAAAAAAAAAAAAAAAAAAA==", "Storage:KeyEncryptionKey: must be the base64 encoding of exactly 32 random bytes")]
    [InlineData("Storage:KeyEncryptionKey", "", "Storage:KeyEncryptionKey: must be the base64 encoding of exactly 32 random bytes")]
    [InlineData("Storage:PreviousKeyEncryptionKeys:0", "short", "Storage:PreviousKeyEncryptionKeys:0: must be the base64 encoding")]
    [InlineData("Storage:MediaPath", " ", "Storage:MediaPath: must not be empty")]
    [InlineData("Storage:KeysPath", "", "Storage:KeysPath: must not be empty")]
    public async Task Options_InvalidValue_FailsNamingTheSetting(string key, string value, string expected)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var services = database.CreateServices(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        if (value.Length > 4)
        {
            Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Options_Defaults_UnderDataDirectory()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

        var options = database.Services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(Path.Combine(database.DataPath, "media"), options.MediaPath);
        Assert.Equal(Path.Combine(database.DataPath, "keys"), options.KeysPath);
    }
}
