using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using CivilProtection.Application.Directory;
using CivilProtection.Application.Indexes;
using CivilProtection.Application.Dispatch;
using CivilProtection.Application.Messaging;
using CivilProtection.Application.Notices;
using CivilProtection.Application.Operations;
using CivilProtection.Application.Sms;
using CivilProtection.Application.Outbox;
using CivilProtection.Application.Repair;
using CivilProtection.Application.Requests;
using CivilProtection.Application.Workflow;
using CivilProtection.Infrastructure.Messaging;
using CivilProtection.Infrastructure.Rosters;
using CivilProtection.Infrastructure.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CivilProtection.Infrastructure.Composition;

/// <summary>The one composition of the application, shared by the Functions app and the local host.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddCivilProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CivilProtectionOptions>()
            .Bind(configuration.GetSection(CivilProtectionOptions.SectionName))
            .Validate(o => !string.IsNullOrEmpty(o.Tables.ConnectionString) ^ o.Tables.ServiceUri is not null,
                "Set exactly one of CivilProtection:Tables:ConnectionString (Azurite, local) or CivilProtection:Tables:ServiceUri (Azure, managed identity).")
            .Validate(o => string.IsNullOrEmpty(o.ServiceBus.ConnectionString) || string.IsNullOrEmpty(o.ServiceBus.FullyQualifiedNamespace),
                "Set at most one of CivilProtection:ServiceBus:ConnectionString or CivilProtection:ServiceBus:FullyQualifiedNamespace.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TokenCredential>(sp =>
        {
            var clientId = Options(sp).Azure.ManagedIdentityClientId;
            return string.IsNullOrEmpty(clientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        });

        if (configuration.GetValue<bool>($"{CivilProtectionOptions.SectionName}:{nameof(CivilProtectionOptions.CountCalls)}"))
        {
            services.AddSingleton<CallCounts>();
        }
        services.AddSingleton(sp =>
        {
            var tables = Options(sp).Tables;
            var options = TableClients.Options(tables.MaxConnections, tables.BackgroundCalls, tables.BackgroundCallWait, sp.GetService<CallCounts>());
            return string.IsNullOrEmpty(tables.ConnectionString)
                ? new TableServiceClient(tables.ServiceUri, sp.GetRequiredService<TokenCredential>(), options)
                : new TableServiceClient(tables.ConnectionString, options);
        });
        services.AddSingleton(sp => new StateTables(sp.GetRequiredService<TableServiceClient>(), Options(sp).Tables.TablePrefix));
        services.AddSingleton<RequestSnapshotCache>();
        services.AddSingleton<RecentRows<Application.Sms.SmsRecord>>();
        services.AddSingleton<RecentRows<Domain.Notices.NoticeState>>();
        services.AddSingleton<IRequestStore, TableRequestStore>();
        services.AddSingleton<IOutboxStore, TableOutboxStore>();
        services.AddSingleton<IRequestIndex, TableRequestIndex>();
        services.AddSingleton<TableDirectory>();
        services.AddSingleton<IDirectory>(sp => sp.GetRequiredService<TableDirectory>());
        services.AddSingleton<IDirectoryRecords>(sp => sp.GetRequiredService<TableDirectory>());
        services.AddSingleton<DirectoryAdministration>();
        services.AddSingleton<FirstPlatformAdmin>();
        services.AddSingleton<Application.Capabilities.ICompositionStore, TableCompositions>();
        services.AddSingleton<Application.Capabilities.CatalogueCompositions>();
        services.AddSingleton<Application.Capabilities.INationalTypeStore, TableNationalTypes>();
        services.AddSingleton<Application.Capabilities.NationalTypes>();
        services.AddSingleton<IIdempotencyStore, TableIdempotencyStore>();
        services.AddSingleton<IReferenceAllocator>(sp => new TableReferenceAllocator(sp.GetRequiredService<StateTables>()));

        services.AddSingleton<IMessageTransport>(sp =>
        {
            var transport = Transport(sp);
            return sp.GetService<CallCounts>() is { } counts ? new CountingTransport(transport, counts) : transport;
        });

        services.AddSingleton<IRepairTickets, TableRepairTickets>();
        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<RequestIntake>();
        services.AddSingleton<RequestChanges>();
        services.AddSingleton<RequestLifecycle>();
        services.AddSingleton<CivilProtection.Application.Offers.Addressing>();
        services.AddSingleton<CivilProtection.Application.Offers.ExchangeDesk>();
        services.AddSingleton<RequestQueries>();
        services.AddSingleton<CivilProtection.Application.Work.WorkDesk>();
        services.AddSingleton<CivilProtection.Application.Interop.EdxlRmExport>();
        services.AddOptions<CivilProtection.Application.Interop.EdxlRmOptions>().Bind(configuration.GetSection(CivilProtection.Application.Interop.EdxlRmOptions.SectionName));
        services.AddSingleton<CivilProtection.Application.Interop.EdxlRmSchemaSource>();
        services.AddSingleton<CivilProtection.Application.Interop.EdxlRmImport>();
        services.AddSingleton<RequestIndexProjector>();
        services.AddSingleton<IMessageHandler, ApprovalRoutingHandler>();
        services.AddSingleton<IMessageHandler, RequestEventsHandler>();

        // On-call notices, SMS and dispatch.
        services.AddOptions<NoticeOptions>().Bind(configuration.GetSection(NoticeOptions.SectionName))
            .Validate(o => o.Rounds is >= 1 and <= 10, "CivilProtection:Notices:Rounds must be between 1 and 10.")
            .Validate(o => o.LifeSafetyAcknowledgeWithin > TimeSpan.Zero && o.UrgentAcknowledgeWithin > TimeSpan.Zero && o.RoutineAcknowledgeWithin > TimeSpan.Zero,
                "CivilProtection:Notices:*AcknowledgeWithin must be positive durations (hh:mm:ss).")
            .Validate(o => o.LifeSafetyCallFromRound >= 0 && o.LifeSafetyCallFromRound <= o.Rounds,
                "CivilProtection:Notices:LifeSafetyCallFromRound must be 0 (never call) or a round from 1 to Rounds.")
            .Validate(o => o.CallRingFor >= NoticeOptions.ShortestRing && o.CallRingFor <= NoticeOptions.LongestRing,
                "CivilProtection:Notices:CallRingFor must be from 00:00:05 to 00:10:00 (Twilio rings 5 to 600 seconds).")
            .Validate(o => o.ArrivalOverdueAfter > TimeSpan.Zero, "CivilProtection:Notices:ArrivalOverdueAfter must be a positive duration (hh:mm:ss).")
            .ValidateOnStart();
        services.AddRosters();
        services.AddSingleton<PartitionWriter>();
        services.AddSingleton<IReplyIndex, TableReplyIndex>();
        services.AddSingleton<IOptOuts, TableOptOuts>();
        services.AddSingleton<SmsRefusals>();
        services.AddSingleton<ISmsProviderIncidents, TableSmsProviderIncidents>();
        services.AddSingleton<SmsProviderHealth>();
        services.AddSingleton<SmsProviderRefusals>();
        services.AddSingleton<ReachableOnCall>();
        services.AddSingleton<NoticeDesk>();
        services.AddSingleton<PartyInformation>();
        services.AddSingleton<DispatchDesk>();
        services.AddSingleton<CivilProtection.Application.Deployments.DeploymentDesk>();
        services.AddSingleton<CivilProtection.Application.Deployments.DeploymentBoards>();
        services.AddSingleton<CivilProtection.Application.Deployments.ArrivalChase>();
        services.AddSingleton<CivilProtection.Application.Deployments.StatusBySms>();
        services.AddSingleton<CivilProtection.Application.Deployments.MissionClosure>();
        services.AddSingleton<CivilProtection.Application.Costs.ClaimDesk>();
        services.AddOptions<CivilProtection.Application.Situation.MapOptions>().Bind(configuration.GetSection(CivilProtection.Application.Situation.MapOptions.SectionName))
            .Validate(o => o.IsValid, "CivilProtection:Map:TileUrl must be empty (no tiles) or an https URL on one host with {z}, {x} and {y}.")
            .ValidateOnStart();
        services.AddSingleton<CivilProtection.Application.Situation.SituationPicture>();
        services.AddSingleton<SmsSender>();
        services.AddSingleton<Application.Voice.NoticeCalls>();
        services.AddSingleton<SmsDeliveries>();
        services.AddSingleton<IInboundLedger, TableInboundLedger>();
        services.AddSingleton<ReplyOnce>();
        services.AddSingleton<ISmsReplies, SmsReplies>();
        services.AddSingleton<IMessageHandler, NotificationsHandler>();
        services.AddSingleton<IMessageHandler>(sp => new SmsOutboundHandler(sp.GetRequiredService<SmsSender>(), Queues.SmsPaging));
        services.AddSingleton<IMessageHandler>(sp => new SmsOutboundHandler(sp.GetRequiredService<SmsSender>(), Queues.SmsOutbound));
        services.AddSingleton<IMessageHandler, EscalationsHandler>();
        services.AddSingleton<MessagePump>();

        // Dead letters: the admins' page, and the count behind the health probe.
        services.AddOptions<DeadLetterOptions>().Bind(configuration.GetSection(DeadLetterOptions.SectionName))
            .Validate(o => o.PerQueue is >= 1 and <= DeadLetterOptions.MaxPerQueue,
                $"CivilProtection:DeadLetters:PerQueue must be a whole number from 1 to {DeadLetterOptions.MaxPerQueue}.")
            .Validate(o => o.CountEvery >= TimeSpan.FromSeconds(1) && o.CountEvery <= TimeSpan.FromHours(1),
                "CivilProtection:DeadLetters:CountEvery must be a duration from 00:00:01 to 01:00:00.")
            .ValidateOnStart();
        services.AddSingleton<DeadLetterWatch>();

        // The repair behind the queues: what a lost or dead-lettered message left undone, caught up minutes later.
        services.AddOptions<RepairOptions>().Bind(configuration.GetSection(RepairOptions.SectionName))
            .Validate(o => o.After >= TimeSpan.FromSeconds(1) && o.After <= TimeSpan.FromDays(1),
                "CivilProtection:Repair:After must be a duration from 00:00:01 to 1.00:00:00.")
            .Validate(o => o.Batch is >= 1 and <= RepairOptions.MaxBatch,
                $"CivilProtection:Repair:Batch must be a whole number from 1 to {RepairOptions.MaxBatch}.")
            .Validate(o => o.Period >= TimeSpan.FromSeconds(1) && o.Period <= TimeSpan.FromHours(1),
                "CivilProtection:Repair:Period must be a duration from 00:00:01 to 01:00:00.")
            .ValidateOnStart();
        services.AddSingleton<RequestRepair>();
        services.AddSingleton<DeadLetterOffice>();

        services.AddHostedService<StorageInitializer>();
        services.AddHostedService<FirstPlatformAdminInitializer>();
        services.AddHostedService<TimeZoneDataReport>();
        services.AddHostedService<OutboxRelayWorker>();
        services.AddHostedService<DeadLetterWatchWorker>();
        services.AddHostedService<SmsProviderWatchWorker>();
        return services;
    }

    private static IMessageTransport Transport(IServiceProvider sp)
    {
        var bus = Options(sp).ServiceBus;
        if (string.IsNullOrEmpty(bus.ConnectionString) && string.IsNullOrEmpty(bus.FullyQualifiedNamespace))
        {
            var journal = new TableQueueJournal(sp.GetRequiredService<TableServiceClient>(), Options(sp).Tables.TablePrefix);
            return new InProcessTransport(QueueDescription.Embedded, sp.GetRequiredService<TimeProvider>(), journal);
        }
        return ServiceBusTransport.Create(bus, string.IsNullOrEmpty(bus.ConnectionString) ? sp.GetRequiredService<TokenCredential>() : null);
    }

    private static CivilProtectionOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<CivilProtectionOptions>>().Value;
}
