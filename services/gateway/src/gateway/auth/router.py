"""``/api/auth/v1``: login, refresh, logout, me, service tokens; and the JWKS."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from reform_common.auth import AnyPrincipal
from reform_common.db import SessionDep
from reform_common.errors import Problem, problem_response

from gateway.auth import service
from gateway.auth.schemas import (
    LoginRequest,
    Me,
    PasswordChange,
    RefreshRequest,
    ServiceToken,
    ServiceTokenRequest,
    TokenPair,
)
from gateway.auth.tokens import TokenIssuer
from gateway.directory.schemas import UnitBrief

router = APIRouter(prefix="/api/auth/v1", tags=["登录认证"])
jwks_router = APIRouter(tags=["登录认证"])

_PROBLEMS: dict[int | str, dict[str, Any]] = {
    401: {"description": "用户名或密码错误 / 凭证失效"},
    423: {"description": "账号已锁定"},
    429: {"description": "请求过于频繁"},
}


def _issuer(request: Request) -> TokenIssuer:
    return request.app.state.issuer


def _reject(request: Request, problem: Problem) -> JSONResponse:
    return problem_response(problem.status, problem.code, problem.title, problem.detail,
                            headers=problem.headers, instance=request.url.path)


@router.post("/login", response_model=TokenPair, responses=_PROBLEMS, summary="用户名密码登录")
async def login(request: Request, session: SessionDep, body: LoginRequest) -> Any:
    outcome = await service.login(session, _issuer(request), body.username, body.password)
    return _reject(request, outcome) if isinstance(outcome, Problem) else outcome


@router.post("/refresh", response_model=TokenPair, responses=_PROBLEMS, summary="刷新令牌（轮换）")
async def refresh(request: Request, session: SessionDep, body: RefreshRequest) -> Any:
    outcome = await service.refresh(session, _issuer(request), body.refresh_token)
    return _reject(request, outcome) if isinstance(outcome, Problem) else outcome


@router.post("/logout", status_code=204, summary="退出登录（吊销刷新令牌）")
async def logout(session: SessionDep, body: RefreshRequest) -> Response:
    await service.logout(session, body.refresh_token)
    return Response(status_code=204)


@router.get("/me", response_model=Me, summary="当前用户")
async def me(session: SessionDep, principal: AnyPrincipal) -> Me:
    user = await service.current_user(session, principal)
    return Me(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        roles=user.roles,
        environment=user.environment,
        unit=UnitBrief.model_validate(user.unit),
    )


@router.post("/me/password", status_code=204, summary="修改本人密码")
async def change_password(session: SessionDep, principal: AnyPrincipal, body: PasswordChange) -> Response:
    await service.change_own_password(session, principal, body.old_password, body.new_password)
    return Response(status_code=204)


@router.post("/service-token", response_model=ServiceToken, responses=_PROBLEMS,
             summary="服务间调用令牌（内部服务以共享密钥换取）")
async def service_token(request: Request, body: ServiceTokenRequest) -> ServiceToken:
    issuer = _issuer(request)
    token = service.service_token(issuer, body.service, body.secret)
    return ServiceToken(access_token=token, expires_in=issuer.settings.service_token_ttl_seconds)


@jwks_router.get("/.well-known/jwks.json", summary="签名公钥（JWKS）")
async def jwks(request: Request) -> JSONResponse:
    return JSONResponse(
        {"keys": [_issuer(request).key.public_jwk]},
        headers={"Cache-Control": "public, max-age=300"},
    )
