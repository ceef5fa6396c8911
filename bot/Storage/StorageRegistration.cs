using CitizenBot.SharedKernel;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace CitizenBot.Storage;

/// <summary>The database (SQLite or PostgreSQL), its migrations, the conversation store and the replicas' notifications.</summary>
public static class StorageRegistration
{
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        builder.Services.AddSingleton<BotDatabase>(services => services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.PostgreSql => ActivatorUtilities.CreateInstance<PostgresDatabase>(services),
            _ => ActivatorUtilities.CreateInstance<SqliteDatabase>(services),
        });
        builder.Services.AddHostedService<DatabaseMigrations>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DataProtectionKeysSetup>();
        builder.Services.AddSingleton<ConversationUpdates>();
        builder.Services.AddSingleton<IConversationStore, ConversationStore>();
        builder.Services.AddSingleton<IReplicaMessageHandler, ReplicaConversationUpdates>();
        builder.Services.AddSingleton<ReplicaListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReplicaListener>());
        return builder;
    }
}
