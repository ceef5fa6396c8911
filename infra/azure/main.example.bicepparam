// Example parameters. Secrets come from environment variables of the deploying shell (or a pipeline's secret store),
// never from this file:  export BOT_APP_PASSWORD=... POSTGRES_ADMIN_PASSWORD=... DIRECTLINE_TOKEN_SIGNING_KEY=... DIRECTLINE_SECRET=...
//   az deployment group create -g rg-citizenbot -f main.bicep -p main.example.bicepparam
using 'main.bicep'

param name = 'citizenbot'
param containerImage = 'citizenbotregistry.azurecr.io/citizenbot:1.0.0'
param registryServer = 'citizenbotregistry.azurecr.io'
param minReplicas = 2
param maxReplicas = 6
param botAppId = '00000000-0000-0000-0000-000000000000'
param assistantUrl = 'https://chat.example.org'
param postgresAdminLogin = 'citizenbot'
param botAppPassword = readEnvironmentVariable('BOT_APP_PASSWORD')
param postgresAdminPassword = readEnvironmentVariable('POSTGRES_ADMIN_PASSWORD')
param directLineTokenSigningKey = readEnvironmentVariable('DIRECTLINE_TOKEN_SIGNING_KEY')
param directLineSecret = readEnvironmentVariable('DIRECTLINE_SECRET')
