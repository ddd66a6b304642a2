using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Routing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContentRoutes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportingOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    CrawledUrlId = table.Column<Guid>(type: "uuid", nullable: false),
                    CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ServerAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    AssignedOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RoutedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentRoutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentRoutes_CrawledUrls_CrawledUrlId",
                        column: x => x.CrawledUrlId,
                        principalTable: "CrawledUrls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContentRoutes_Organisations_AssignedOrganisationId",
                        column: x => x.AssignedOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContentRoutes_Organisations_ReportingOrganisationId",
                        column: x => x.ReportingOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContentRoutes_Reports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "HotlineDesignations",
                columns: table => new
                {
                    CountryCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    DesignatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HotlineDesignations", x => x.CountryCode);
                    table.ForeignKey(
                        name: "FK_HotlineDesignations_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrphanMandates",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    MandatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrphanMandates", x => x.OrganisationId);
                    table.ForeignKey(
                        name: "FK_OrphanMandates_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContentRouteEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RouteId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ToOrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromCountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ToCountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ServerAddress = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContentRouteEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContentRouteEvents_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContentRouteEvents_RouteId_Id",
                table: "ContentRouteEvents",
                columns: new[] { "RouteId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentRouteEvents_ToOrganisationId",
                table: "ContentRouteEvents",
                column: "ToOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_AssignedOrganisationId_Id",
                table: "ContentRoutes",
                columns: new[] { "AssignedOrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_CrawledUrlId",
                table: "ContentRoutes",
                column: "CrawledUrlId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_ReportId",
                table: "ContentRoutes",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_ReportingOrganisationId_Id",
                table: "ContentRoutes",
                columns: new[] { "ReportingOrganisationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ContentRoutes_State_Id",
                table: "ContentRoutes",
                columns: new[] { "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HotlineDesignations_OrganisationId",
                table: "HotlineDesignations",
                column: "OrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContentRouteEvents");

            migrationBuilder.DropTable(
                name: "HotlineDesignations");

            migrationBuilder.DropTable(
                name: "OrphanMandates");

            migrationBuilder.DropTable(
                name: "ContentRoutes");
        }
    }
}
