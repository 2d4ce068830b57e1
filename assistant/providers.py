"""The configured chat model (LangChain), made in one place for every use: answers and findings extraction.

Returns None for the default ``llm_provider = "none"``: answers are then
extractive only and findings come from the rules alone. Provider packages are
imported only when that provider is configured.
"""

from __future__ import annotations

from typing import Any

from config.settings import Settings


def chat_model(settings: Settings) -> Any | None:
    """A LangChain chat model for ``settings.llm_*`` (temperature 0, bounded timeout), or None."""
    provider = settings.llm_provider
    if provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url,
                          api_key=settings.llm_api_key or "none", timeout=settings.llm_timeout_s, temperature=0,
                          max_retries=1)
    if provider == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url or "http://127.0.0.1:11434",
                          temperature=0, client_kwargs={"timeout": settings.llm_timeout_s})
    if provider == "anthropic":
        from langchain_anthropic import ChatAnthropic

        return ChatAnthropic(model=settings.llm_model, api_key=settings.llm_api_key, timeout=settings.llm_timeout_s,
                             temperature=0, max_retries=1)
    return None  # "none" (settings validation allows nothing else)
