<#import "template.ftl" as layout>
<@layout.registrationLayout displayInfo=true; section>
    <#if section = "header">
        Confirmez votre adresse électronique
    <#elseif section = "form">
        <#if verifyEmail??>
            <p>Nous avons envoyé un lien à <strong>${verifyEmail}</strong>. Ouvrez l’e-mail « Confirmez votre adresse électronique » et suivez son lien : votre compte sera ouvert et vous pourrez commencer votre demande.</p>
        <#else>
            <p>Pour confirmer votre adresse <strong>${user.email}</strong>, nous allons vous envoyer un lien par e-mail.</p>
        </#if>
        <#if isAppInitiatedAction??>
            <form id="kc-verify-email-form" action="${url.loginAction}" method="post">
                <ul class="fr-btns-group">
                    <li><button class="fr-btn<#if verifyEmail??> fr-btn--secondary</#if>" type="submit"><#if verifyEmail??>Renvoyer l’e-mail<#else>Envoyer l’e-mail</#if></button></li>
                    <li><button class="fr-btn fr-btn--tertiary" type="submit" name="cancel-aia" value="true" formnovalidate>Annuler</button></li>
                </ul>
            </form>
        </#if>
    <#elseif section = "info">
        <#if !isAppInitiatedAction??>
            <p>Rien reçu après quelques minutes ? Regardez dans les courriers indésirables, puis <a class="fr-link" href="${url.loginAction}">renvoyez l’e-mail</a>.</p>
        </#if>
    </#if>
</@layout.registrationLayout>
