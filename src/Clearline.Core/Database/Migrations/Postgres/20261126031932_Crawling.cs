using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Crawling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MediaItems",
                columns: table => new
                {
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Md5 = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Sha1 = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Pdq = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PdqQuality = table.Column<int>(type: "integer", nullable: true),
                    Format = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Width = table.Column<int>(type: "integer", nullable: true),
                    Height = table.Column<int>(type: "integer", nullable: true),
                    ByteLength = table.Column<long>(type: "bigint", nullable: false),
                    DecodeError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FirstSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaItems", x => x.Sha256);
                });

            migrationBuilder.CreateTable(
                name: "Reports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    NormalisedUrl = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    HotlineReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SiteType = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Commerciality = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    PaymentMethods = table.Column<int>(type: "integer", nullable: false),
                    Referrer = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    Memo = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RequestFingerprint = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reports_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Crawls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LimitReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Crawls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Crawls_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CrawledUrls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrawlId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    Role = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Depth = table.Column<int>(type: "integer", nullable: false),
                    FoundOnId = table.Column<Guid>(type: "uuid", nullable: true),
                    FoundIn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Content = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    FinalUrl = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: true),
                    ContentType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FetchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MediaSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EvidenceSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    BodySha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ServerAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Asn = table.Column<long>(type: "bigint", nullable: true),
                    NetworkOrganisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    IsCdn = table.Column<bool>(type: "boolean", nullable: true),
                    ReverseDns = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CrawledUrls", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CrawledUrls_Crawls_CrawlId",
                        column: x => x.CrawlId,
                        principalTable: "Crawls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MediaOccurrences",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrawlId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrawledUrlId = table.Column<Guid>(type: "uuid", nullable: false),
                    MediaSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FoundIn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FoundAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaOccurrences", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MediaOccurrences_CrawledUrls_CrawledUrlId",
                        column: x => x.CrawledUrlId,
                        principalTable: "CrawledUrls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MediaOccurrences_MediaItems_MediaSha256",
                        column: x => x.MediaSha256,
                        principalTable: "MediaItems",
                        principalColumn: "Sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Rechecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrawledUrlId = table.Column<Guid>(type: "uuid", nullable: false),
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CheckedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FoundSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PdqDistance = table.Column<int>(type: "integer", nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rechecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rechecks_CrawledUrls_CrawledUrlId",
                        column: x => x.CrawledUrlId,
                        principalTable: "CrawledUrls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CrawledUrls_CrawlId_State",
                table: "CrawledUrls",
                columns: new[] { "CrawlId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_CrawledUrls_CrawlId_Url",
                table: "CrawledUrls",
                columns: new[] { "CrawlId", "Url" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CrawledUrls_MediaSha256",
                table: "CrawledUrls",
                column: "MediaSha256");

            migrationBuilder.CreateIndex(
                name: "IX_CrawledUrls_ReportId_Id",
                table: "CrawledUrls",
                columns: new[] { "ReportId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Crawls_ReportId",
                table: "Crawls",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaItems_Md5",
                table: "MediaItems",
                column: "Md5");

            migrationBuilder.CreateIndex(
                name: "IX_MediaItems_Sha1",
                table: "MediaItems",
                column: "Sha1");

            migrationBuilder.CreateIndex(
                name: "IX_MediaOccurrences_CrawledUrlId",
                table: "MediaOccurrences",
                column: "CrawledUrlId");

            migrationBuilder.CreateIndex(
                name: "IX_MediaOccurrences_CrawlId_CrawledUrlId_MediaSha256",
                table: "MediaOccurrences",
                columns: new[] { "CrawlId", "CrawledUrlId", "MediaSha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MediaOccurrences_MediaSha256",
                table: "MediaOccurrences",
                column: "MediaSha256");

            migrationBuilder.CreateIndex(
                name: "IX_MediaOccurrences_ReportId_MediaSha256",
                table: "MediaOccurrences",
                columns: new[] { "ReportId", "MediaSha256" });

            migrationBuilder.CreateIndex(
                name: "IX_Rechecks_CrawledUrlId_Id",
                table: "Rechecks",
                columns: new[] { "CrawledUrlId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_NormalisedUrl",
                table: "Reports",
                column: "NormalisedUrl");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OrganisationId_IdempotencyKey",
                table: "Reports",
                columns: new[] { "OrganisationId", "IdempotencyKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MediaOccurrences");

            migrationBuilder.DropTable(
                name: "Rechecks");

            migrationBuilder.DropTable(
                name: "MediaItems");

            migrationBuilder.DropTable(
                name: "CrawledUrls");

            migrationBuilder.DropTable(
                name: "Crawls");

            migrationBuilder.DropTable(
                name: "Reports");
        }
    }
}
