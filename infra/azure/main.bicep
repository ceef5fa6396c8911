// CitizenBot on Azure: Container Apps (2+ replicas) behind an Azure Bot with Direct Line and Web Chat channels,
// PostgreSQL flexible server, Azure AI Search, Key Vault for every secret, Application Insights on Log Analytics,
// one user-assigned managed identity. Deploy: az deployment group create -g <rg> -f main.bicep -p main.parameters.example.json
targetScope = 'resourceGroup'

@description('Short lower-case name used as a prefix for every resource.')
@minLength(3)
@maxLength(12)
param name string = 'citizenbot'

@description('Region of every regional resource.')
param location string = resourceGroup().location

@description('The bot image, e.g. myregistry.azurecr.io/citizenbot:1.0.0.')
param containerImage string

@description('Registry server of the image when it is private (pulled with the managed identity, which needs AcrPull); empty for a public image.')
param registryServer string = ''

@description('Replicas that always run; two or more so a restart never takes the bot away.')
@minValue(2)
param minReplicas int = 2

@maxValue(30)
param maxReplicas int = 6

@description('OpenTelemetry Collector (contrib build, which has the Azure Monitor exporter) run beside the bot.')
param collectorImage string = 'otel/opentelemetry-collector-contrib:0.114.0'

@description('Microsoft App ID of the single-tenant Entra ID app registration of the bot (create it beforehand).')
param botAppId string

@description('Client secret of that app registration; stored in Key Vault only.')
@secure()
param botAppPassword string

@description('Administrator login of the PostgreSQL server.')
param postgresAdminLogin string = 'citizenbot'

@description('Administrator password of the PostgreSQL server; stored in Key Vault only.')
@secure()
param postgresAdminPassword string

@description('Base64 of at least 32 random bytes: the key all replicas sign Direct Line tokens with.')
@secure()
param directLineTokenSigningKey string

@description('The Direct Line secret of the bot\'s own Web Chat token endpoint (at least 32 characters).')
@secure()
param directLineSecret string

@description('Public address citizens open, used in the greeting\'s links.')
param assistantUrl string

var suffix = uniqueString(resourceGroup().id, name)
var keyVaultSecretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-identity'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    DisableIpMasking: false
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take('${name}-kv-${suffix}', 24)
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 30
  }
}

resource vaultReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: '${name}-pg-${suffix}'
  location: location
  sku: {
    name: 'Standard_B1ms'
    tier: 'Burstable'
  }
  properties: {
    version: '15'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: 32
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    authConfig: {
      passwordAuth: 'Enabled'
    }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'citizenbot'
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// Container Apps reach the server over its public endpoint, limited to Azure services; use VNet integration for a private one.
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource search 'Microsoft.Search/searchServices@2023-11-01' = {
  name: '${name}-search-${suffix}'
  location: location
  sku: {
    name: 'basic'
  }
  properties: {
    replicaCount: 1
    partitionCount: 1
    hostingMode: 'default'
    semanticSearch: 'free'
  }
}

resource postgresConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'postgres-connection-string'
  properties: {
    value: 'Host=${postgres.properties.fullyQualifiedDomainName};Database=${database.name};Username=${postgresAdminLogin};Password=${postgresAdminPassword};SSL Mode=Require'
  }
}

resource tokenSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'directline-token-signing-key'
  properties: {
    value: directLineTokenSigningKey
  }
}

resource directLineSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'directline-secret'
  properties: {
    value: directLineSecret
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'bot-app-password'
  properties: {
    value: botAppPassword
  }
}

resource searchKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'search-admin-key'
  properties: {
    value: search.listAdminKeys().primaryKey
  }
}

resource insightsSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'appinsights-connection-string'
  properties: {
    value: insights.properties.ConnectionString
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${name}-env-${suffix}'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

// Every secret of the app is a Key Vault reference read with the managed identity; no value is stored in the app.
var vaultSecrets = [
  {
    name: 'postgres-connection-string'
    uri: postgresConnectionSecret.properties.secretUri
  }
  {
    name: 'directline-token-signing-key'
    uri: tokenSigningKeySecret.properties.secretUri
  }
  {
    name: 'directline-secret'
    uri: directLineSecretSecret.properties.secretUri
  }
  {
    name: 'bot-app-password'
    uri: botPasswordSecret.properties.secretUri
  }
  {
    name: 'search-admin-key'
    uri: searchKeySecret.properties.secretUri
  }
  {
    name: 'appinsights-connection-string'
    uri: insightsSecret.properties.secretUri
  }
]

var probePort = 8080
var collectorPort = 4318

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${name}-app'
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  dependsOn: [
    vaultReader
  ]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
        stickySessions: {
          affinity: 'none'
        }
      }
      registries: empty(registryServer) ? [] : [
        {
          server: registryServer
          identity: identity.id
        }
      ]
      secrets: map(vaultSecrets, secret => {
        name: secret.name
        keyVaultUrl: secret.uri
        identity: identity.id
      })
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: containerImage
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: [
            {
              name: 'ASPNETCORE_ENVIRONMENT'
              value: 'Production'
            }
            {
              name: 'ASPNETCORE_FORWARDEDHEADERS_ENABLED'
              value: 'true'
            }
            {
              name: 'City__AssistantUrl'
              value: assistantUrl
            }
            {
              name: 'Storage__Provider'
              value: 'PostgreSql'
            }
            {
              name: 'Storage__ConnectionString'
              secretRef: 'postgres-connection-string'
            }
            {
              name: 'DirectLine__TokenSigningKey'
              secretRef: 'directline-token-signing-key'
            }
            {
              name: 'DirectLine__Secrets__0__Name'
              value: 'webchat'
            }
            {
              name: 'DirectLine__Secrets__0__Value'
              secretRef: 'directline-secret'
            }
            {
              name: 'BotFramework__Enabled'
              value: 'true'
            }
            {
              name: 'BotFramework__AppType'
              value: 'SingleTenant'
            }
            {
              name: 'BotFramework__AppId'
              value: botAppId
            }
            {
              name: 'BotFramework__TenantId'
              value: tenant().tenantId
            }
            {
              name: 'BotFramework__AppPassword'
              secretRef: 'bot-app-password'
            }
            {
              name: 'KnowledgeSearch__Backend'
              value: 'AzureAiSearch'
            }
            {
              name: 'KnowledgeSearch__AzureAiSearch__Endpoint'
              value: 'https://${search.name}.search.windows.net'
            }
            {
              name: 'KnowledgeSearch__AzureAiSearch__ApiKey'
              secretRef: 'search-admin-key'
            }
            {
              name: 'Telemetry__ServiceName'
              value: name
            }
            {
              name: 'Telemetry__OtlpEndpoint'
              value: 'http://127.0.0.1:${collectorPort}'
            }
            {
              name: 'Telemetry__Prometheus'
              value: 'false'
            }
          ]
          probes: [
            {
              type: 'Startup'
              httpGet: {
                path: '/health/ready'
                port: probePort
              }
              periodSeconds: 5
              failureThreshold: 24
            }
            {
              type: 'Readiness'
              httpGet: {
                path: '/health/ready'
                port: probePort
              }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Liveness'
              httpGet: {
                path: '/health/live'
                port: probePort
              }
              periodSeconds: 15
              failureThreshold: 4
            }
          ]
          volumeMounts: [
            {
              volumeName: 'data'
              mountPath: '/data'
            }
            {
              volumeName: 'tmp'
              mountPath: '/tmp'
            }
          ]
        }
        {
          // Receives the bot's OTLP on localhost and forwards traces and metrics to Application Insights.
          name: 'otel-collector'
          image: collectorImage
          resources: {
            cpu: json('0.25')
            memory: '0.5Gi'
          }
          args: [
            '--config=yaml:receivers::otlp::protocols::http::endpoint: 127.0.0.1:${collectorPort}'
            '--config=yaml:exporters::azuremonitor::connection_string: \${env:APPLICATIONINSIGHTS_CONNECTION_STRING}'
            '--config=yaml:service::pipelines::traces: {receivers: [otlp], exporters: [azuremonitor]}'
            '--config=yaml:service::pipelines::metrics: {receivers: [otlp], exporters: [azuremonitor]}'
          ]
          env: [
            {
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
              secretRef: 'appinsights-connection-string'
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'data'
          storageType: 'EmptyDir'
        }
        {
          name: 'tmp'
          storageType: 'EmptyDir'
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'concurrent-requests'
            http: {
              metadata: {
                concurrentRequests: '100'
              }
            }
          }
        ]
      }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot-${suffix}'
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: 'S1'
  }
  properties: {
    displayName: 'Digitaler Assistent'
    endpoint: 'https://${app.properties.configuration.ingress.fqdn}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenant().tenantId
    developerAppInsightsApplicationId: insights.properties.AppId
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          isSecureSiteEnabled: true
          trustedOrigins: [
            assistantUrl
          ]
        }
      ]
    }
  }
}

resource webChatChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: 'global'
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isWebchatPreviewEnabled: true
        }
      ]
    }
  }
}

output appUrl string = 'https://${app.properties.configuration.ingress.fqdn}'
output messagingEndpoint string = bot.properties.endpoint
output keyVaultName string = vault.name
output searchServiceName string = search.name
output postgresServer string = postgres.properties.fullyQualifiedDomainName
