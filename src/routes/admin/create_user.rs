use actix_web::{HttpResponse, web};

use crate::{
    error::ApiResult,
    extractors::AdminUser,
    extractors::Json,
    services::accounts::{self, CreateStaffRequest, NewStaff},
    state::AppState,
    views::{CreatedUserView, UserView},
};

pub async fn handler(
    state: web::Data<AppState>,
    admin: AdminUser,
    body: Json<CreateStaffRequest>,
) -> ApiResult<HttpResponse> {
    let staff = NewStaff::try_from(body.into_inner())?;
    let (role, scope) = (staff.role, staff.scope.as_ref().map(|s| s.to_string()));
    let (user, one_time_password) = accounts::create_staff(&state.db, staff).await?;
    tracing::info!(admin = %admin.0.id, user = %user.id, %role, ?scope, "staff user created");
    Ok(HttpResponse::Created().json(CreatedUserView {
        user: UserView::from(user),
        one_time_password,
    }))
}
