using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Clearline.Core.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Takedown : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RouteTakedowns",
                columns: table => new
                {
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    NoticeAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RechecksDone = table.Column<int>(type: "INTEGER", nullable: false),
                    PendingRecheckId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NextRecheckAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstReportedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RemovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    TimeToRemoval = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RouteTakedowns", x => x.RouteId);
                    table.ForeignKey(
                        name: "FK_RouteTakedowns_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TakedownActions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RouteId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RecheckId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TakedownActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TakedownActions_ContentRoutes_RouteId",
                        column: x => x.RouteId,
                        principalTable: "ContentRoutes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RouteTakedowns_PendingRecheckId",
                table: "RouteTakedowns",
                column: "PendingRecheckId");

            migrationBuilder.CreateIndex(
                name: "IX_RouteTakedowns_State_RouteId",
                table: "RouteTakedowns",
                columns: new[] { "State", "RouteId" });

            migrationBuilder.CreateIndex(
                name: "IX_TakedownActions_RouteId_Id",
                table: "TakedownActions",
                columns: new[] { "RouteId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RouteTakedowns");

            migrationBuilder.DropTable(
                name: "TakedownActions");
        }
    }
}
